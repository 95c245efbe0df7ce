"""juesuan: one yearly data file in, a publishable 部门决算 (DOCX and PDF) out."""
