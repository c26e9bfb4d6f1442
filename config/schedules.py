"""Every periodic job, declared in one place and registered by django-crontask at start-up.

The worker runs them; ``make run`` starts the scheduler beside it. Nothing is scheduled yet
beyond housekeeping: capability issues add their sweeps here.
"""
