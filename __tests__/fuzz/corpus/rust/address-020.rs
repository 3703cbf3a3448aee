rust
pub fn export(report: &Report) -> String { report.to_string() }
