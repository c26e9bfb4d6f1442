"""Synthetic department feeds (公安、医保、人社、残联、不动产、车辆、电力) from the seeded registry.

Each feed is what a department would hand the 核对 office: its own columns plus the linkage
columns, with the typing and format noise real exports carry, and a truth file saying which
registry person every record belongs to, so record linkage can be measured.
"""
