# Type stub for the private compiled module; the public API is the package around it.


from . import calendar as calendar
from . import dates as dates
from . import errors as errors
from . import returns as returns
from . import rules as rules
from . import timescale as timescale
from . import timeliness as timeliness

# For the other areas' stubs: types of the submodules above (not re-exported).

__version__: str


from . import front_door as front_door
from . import partnership as partnership
from . import thresholds as thresholds
