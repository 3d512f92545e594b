#include "simulatorlogging.h"

Q_LOGGING_CATEGORY(lcSimulator, "shiftsync.simulator", QtInfoMsg)
