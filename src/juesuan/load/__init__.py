"""Load: read a yearly data file into plain text values, keeping where each one came from."""
