"""What the creators app adds to the kernel: header items, dashboard sections, demo data."""
