#include "endpoint.h"

#include <QHash>

namespace {

struct EndpointNameRow
{
    Endpoint endpoint;
    QLatin1StringView name;
};

constexpr EndpointNameRow EndpointNames[] = {
    {Endpoint::Csds, QLatin1StringView("csds")},
    {Endpoint::Login, QLatin1StringView("login")},
    {Endpoint::Refresh, QLatin1StringView("refresh")},
    {Endpoint::Logout, QLatin1StringView("logout")},
    {Endpoint::ShiftStatus, QLatin1StringView("shift-status")},
    {Endpoint::Skills, QLatin1StringView("skills")},
    {Endpoint::ContextRead, QLatin1StringView("context-read")},
    {Endpoint::ContextWrite, QLatin1StringView("context-write")},
    {Endpoint::ContextDelete, QLatin1StringView("context-delete")},
    {Endpoint::Any, QLatin1StringView("any")},
};

} // namespace

QString endpointName(Endpoint endpoint)
{
    for (const EndpointNameRow &row : EndpointNames) {
        if (row.endpoint == endpoint)
            return row.name;
    }
    return QStringLiteral("unknown");
}

std::optional<Endpoint> endpointFromName(const QString &name)
{
    const QString normalised = name.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (const EndpointNameRow &row : EndpointNames) {
        if (normalised == row.name)
            return row.endpoint;
    }

    if (normalised == QLatin1StringView("shiftstatus"))
        return Endpoint::ShiftStatus;
    if (normalised == QLatin1StringView("context") || normalised == QLatin1StringView("ccs"))
        return Endpoint::ContextWrite;
    return std::nullopt;
}

QList<Endpoint> concreteEndpoints()
{
    QList<Endpoint> endpoints;
    for (const EndpointNameRow &row : EndpointNames) {
        if (row.endpoint != Endpoint::Any)
            endpoints.append(row.endpoint);
    }
    return endpoints;
}
