#include "simulatorcontrol.h"

#include "livepersonsimulator.h"
#include "simredaction.h"
#include "simrequest.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

SimResponse controlError(int status, const QString &message)
{
    return SimResponse::json(status, QJsonObject {{QStringLiteral("error"), message}});
}

SimResponse ok()
{
    return SimResponse::json(200, QJsonObject {{QStringLiteral("ok"), true}});
}

bool isMethod(const SimRequest &request, const char *method)
{
    return request.method() == method;
}

QJsonObject bodyObject(const SimRequest &request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

} // namespace

SimulatorControl::SimulatorControl(LivePersonSimulator &simulator)
    : m_simulator(simulator)
{ }

SimResponse SimulatorControl::handle(SimRequest &request)
{
    const QString call = request.segment(1);
    const bool get = isMethod(request, "GET");
    const bool post = isMethod(request, "POST");
    const bool del = isMethod(request, "DELETE");

    if (call == QLatin1String("state") && get)
        return SimResponse::json(200, m_simulator.state());
    if (call == QLatin1String("requests") && get)
        return requests(request);
    if (call == QLatin1String("fault") && post)
        return addFault(request);
    if (call == QLatin1String("fault") && del)
        return clearFaults(request);
    if (call == QLatin1String("clear") && post)
        return clear(request);
    if (call == QLatin1String("shift-status") && (post || del))
        return shiftStatus(request);
    if (call == QLatin1String("skills") && (post || del))
        return skills(request);
    if (call == QLatin1String("expire-sessions") && post) {
        m_simulator.expireAllSessions();
        return ok();
    }
    if (call == QLatin1String("csds") && post)
        return csds(request);
    if (call == QLatin1String("clock") && post)
        return clock(request);
    if (call == QLatin1String("context") && get)
        return context(request);
    return controlError(404, QStringLiteral("Unknown control call; see src/simulator/README.md"));
}

SimResponse SimulatorControl::requests(const SimRequest &request) const
{
    Endpoint endpoint = Endpoint::Any;
    if (request.hasQuery(QStringLiteral("endpoint"))) {
        const std::optional<Endpoint> parsed = endpointFromName(request.queryValue(QStringLiteral("endpoint")));
        if (!parsed)
            return controlError(400, QStringLiteral("Unknown endpoint"));
        endpoint = *parsed;
    }

    QJsonArray list;
    for (const RecordedRequest &recorded : m_simulator.requests(endpoint))
        list.append(SimRedaction::toJson(recorded));
    return SimResponse::json(200, list);
}

SimResponse SimulatorControl::addFault(const SimRequest &request)
{
    const QJsonObject body = bodyObject(request);
    const std::optional<Endpoint> endpoint = endpointFromName(body.value(QLatin1String("endpoint")).toString());
    if (!endpoint)
        return controlError(400, QStringLiteral("Unknown or missing endpoint"));

    QString error;
    const std::optional<Fault> fault = Fault::fromJson(body, &error);
    if (!fault)
        return controlError(400, error);

    if (body.value(QLatin1String("mode")).toString() == QLatin1String("add"))
        m_simulator.addFault(*endpoint, *fault);
    else
        m_simulator.setFault(*endpoint, *fault);
    return SimResponse::json(200, m_simulator.state());
}

SimResponse SimulatorControl::clearFaults(const SimRequest &request)
{
    if (!request.hasQuery(QStringLiteral("endpoint"))) {
        m_simulator.clearFaults();
        return ok();
    }

    const std::optional<Endpoint> endpoint = endpointFromName(request.queryValue(QStringLiteral("endpoint")));
    if (!endpoint)
        return controlError(400, QStringLiteral("Unknown endpoint"));
    m_simulator.clearFaults(*endpoint);
    return ok();
}

SimResponse SimulatorControl::clear(const SimRequest &request)
{
    const QJsonObject body = bodyObject(request);
    m_simulator.clearFaults();
    m_simulator.clearShiftStatusOverride();
    m_simulator.clearSkillsOverride();

    if (body.value(QLatin1String("requests")).toBool())
        m_simulator.clearRequests();
    if (body.value(QLatin1String("context")).toBool())
        m_simulator.clearContextStore();
    if (body.value(QLatin1String("sessions")).toBool())
        m_simulator.expireAllSessions();
    return ok();
}

SimResponse SimulatorControl::shiftStatus(const SimRequest &request)
{
    if (isMethod(request, "DELETE")) {
        m_simulator.clearShiftStatusOverride();
        return ok();
    }

    // Kept as sent: the point is to serve exact bytes (big ids, nulls, odd types).
    m_simulator.setShiftStatusRawBody(request.body());
    return ok();
}

SimResponse SimulatorControl::skills(const SimRequest &request)
{
    if (isMethod(request, "DELETE")) {
        m_simulator.clearSkillsOverride();
        return ok();
    }

    const QJsonDocument document = QJsonDocument::fromJson(request.body());
    if (!document.isArray())
        return controlError(400, QStringLiteral("Body must be a JSON array of skills"));
    m_simulator.setSkillsOverride(document.array());
    return ok();
}

SimResponse SimulatorControl::csds(const SimRequest &request)
{
    const QJsonObject body = bodyObject(request);
    if (body.contains(QLatin1String("host")))
        m_simulator.setAdvertisedHost(body.value(QLatin1String("host")).toString());
    if (body.contains(QLatin1String("shiftstatus")))
        m_simulator.setShiftStatusServiceListed(body.value(QLatin1String("shiftstatus")).toBool());
    return SimResponse::json(200, m_simulator.state());
}

SimResponse SimulatorControl::clock(const SimRequest &request)
{
    const QJsonValue offset = bodyObject(request).value(QLatin1String("offsetMs"));
    if (!offset.isDouble())
        return controlError(400, QStringLiteral("Body must be {\"offsetMs\": <number>}"));

    const qint64 offsetMs = offset.toInteger();
    m_simulator.setClock([offsetMs] { return QDateTime::currentMSecsSinceEpoch() + offsetMs; });
    return SimResponse::json(200, m_simulator.state());
}

SimResponse SimulatorControl::context(const SimRequest &request) const
{
    const QString ns = request.segment(2);
    if (ns.isEmpty())
        return SimResponse::json(200, QJsonArray::fromStringList(m_simulator.contextNamespaces()));
    return SimResponse::rawJson(200, m_simulator.contextPropertiesJson(ns, request.segment(3)));
}
