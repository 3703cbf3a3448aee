pub mod storage;
pub fn export(report: &Report) -> String { report.to_string() }
