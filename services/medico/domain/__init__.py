"""Rules about doctors: CRM format, profile limits, ratings, search criteria. Plain Python."""
