"""Official figures: the reference table the checks compare claims with (``load``).
"""
