import ArgumentParser

/// Placeholder entry point until the lab's STARTTLS test server lands.
@main
struct LabSMTPServer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tls-policy-lab-smtpd")
    func run() throws {}
}
