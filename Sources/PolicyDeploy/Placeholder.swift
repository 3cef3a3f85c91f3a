// Placeholder so that the module builds before its first type lands; delete it then.
enum PolicyDeployPlaceholder {}
