"""The local gateway: one process serving the routing table, the merged API and the web app."""
