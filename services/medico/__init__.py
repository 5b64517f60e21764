"""Doctors: profiles, specialties, locations, ratings, and the search."""
