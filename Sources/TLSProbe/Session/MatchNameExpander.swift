/// Turns `match=` names into the names Postfix hands to `SSL_add1_host` (`add_namechecks`
/// in Postfix's `tls_client.c`): `hostname` is the MX host, `nexthop` the next-hop domain,
/// `dot-nexthop` and `.parent` forms become `.domain`, which OpenSSL matches against any
/// sub-domain of `domain`; a lone `.` is ignored, as Postfix ignores it.
public enum MatchNameExpander {
    /// `names` expanded for `mxHost` and `nexthop`, in order, lone dots dropped.
    public static func expand(_ names: [String], mxHost: String, nexthop: String) -> [String] {
        names.compactMap { name in
            switch name.lowercased() {
            case "hostname": return mxHost
            case "nexthop": return nexthop
            case "dot-nexthop": return "." + nexthop
            case ".": return nil
            default: return name
            }
        }
    }
}
