"""Tests of the whole site at its edge: what any request meets before and after the views."""
