"""Commitments, expectations, requests and recommendations: sentence rules, actors and due dates."""
