"""Writes of the visits app: ``planning`` (plans by colour), ``visits`` (recording a 探访)."""
