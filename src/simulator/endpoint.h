#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// The LivePerson calls the simulator serves, as the unit that faults are aimed at and that
// requests are counted by. Any matches every endpoint (for faults only).
enum class Endpoint {
    Csds,
    Login,
    Refresh,
    Logout,
    ShiftStatus,
    Skills,
    ContextRead,
    ContextWrite,
    ContextDelete,
    Any,
};

// Stable names used by the control API, the --fault option and the log:
// csds, login, refresh, logout, shift-status, skills, context-read, context-write,
// context-delete, any.
QString endpointName(Endpoint endpoint);

// Accepts the names above case-insensitively, with '_' in place of '-' and the short aliases
// "shiftstatus", "context" (= context-write) and "ccs" (= context-write).
std::optional<Endpoint> endpointFromName(const QString &name);

// Every concrete endpoint (without Any), in declaration order.
QList<Endpoint> concreteEndpoints();

Q_DECLARE_METATYPE(Endpoint)
