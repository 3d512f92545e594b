#include "guilogging.h"

Q_LOGGING_CATEGORY(lcGui, "shiftsync.gui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTray, "shiftsync.gui.tray", QtInfoMsg)
