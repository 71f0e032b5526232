"""Integritas: Zona Integritas building and evaluation for Pemerintah Kota Kupang."""
