"""Neural-network operators (operator names ``relax.nn.*``)."""

__all__: list = []
