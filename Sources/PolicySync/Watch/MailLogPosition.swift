/// How far the delivery watch has read a plain mail log file: which file (device and
/// inode, so that a rotation is seen even though the name stays) and the byte offset
/// after the last complete line counted.
public struct MailLogPosition: Sendable, Codable, Equatable {
    /// The path the position belongs to: a changed `mail_log` starts afresh.
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    public var offset: UInt64

    public init(path: String, device: UInt64, inode: UInt64, offset: UInt64) {
        self.path = path
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}
