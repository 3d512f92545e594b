#include "cyclereport.h"

#include <QJsonArray>

qint64 CycleReport::stepMs(SyncStep step) const
{
    qint64 total = 0;
    for (const StepDuration &duration : steps) {
        if (duration.step == step)
            total += duration.ms;
    }
    return total;
}

QJsonObject CycleReport::toJson() const
{
    QJsonObject stepTimes;
    for (const StepDuration &duration : steps)
        stepTimes.insert(stepName(duration.step), stepTimes.value(stepName(duration.step)).toInteger() + duration.ms);

    QJsonObject json {
        {QStringLiteral("ok"), ok},
        {QStringLiteral("startedAt"), startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("namespace"), contextNamespace},
        {QStringLiteral("skills"), skills},
        {QStringLiteral("onShift"), onShift},
        {QStringLiteral("skipped"), skipped},
        {QStringLiteral("requests"), static_cast<qint64>(requests)},
        {QStringLiteral("loggedIn"), loggedIn},
        {QStringLiteral("durationMs"), durationMs()},
        {QStringLiteral("stepsMs"), stepTimes},
    };
    if (!timestamp.isEmpty())
        json.insert(QStringLiteral("timestamp"), timestamp);
    if (!vanished.isEmpty())
        json.insert(QStringLiteral("vanished"), QJsonArray::fromStringList(vanished));
    if (!warnings.isEmpty())
        json.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    if (!ok) {
        json.insert(QStringLiteral("step"), stepName(error.step));
        json.insert(QStringLiteral("kind"), errorKindName(error.kind));
        json.insert(QStringLiteral("error"), error.toString());
        if (error.httpStatus > 0)
            json.insert(QStringLiteral("status"), error.httpStatus);
    }
    return json;
}
