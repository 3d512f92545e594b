#include "skilltable.h"

#include <QStringList>

namespace SkillTable {

QString formatBoundary(const QJsonValue &value)
{
    const qint64 ms = value.toInteger(-1);
    if (ms < 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString render(const QList<SkillShift> &skills)
{
    QStringList lines;
    const auto row = [](const QString &id, const QString &onShift, const QString &nextOn, const QString &nextOff) {
        return QStringLiteral("%1 %2 %3 %4").arg(id, -12).arg(onShift, -9).arg(nextOn, -18).arg(nextOff).trimmed();
    };

    lines << row(QStringLiteral("SKILL ID"),
        QStringLiteral("ON SHIFT"),
        QStringLiteral("NEXT ON (UTC)"),
        QStringLiteral("NEXT OFF (UTC)"));
    for (const SkillShift &skill : skills) {
        const QJsonValue nextOn = skill.entry.value(QLatin1String("nextOn"));
        const QJsonValue nextOff = skill.entry.value(QLatin1String("nextOff"));
        // Both times left out means a 24/7 schedule only for a skill that is on shift; an
        // off-shift skill without times is off until someone switches it on.
        const bool allDay = skill.onShift() && nextOn.isUndefined() && nextOff.isUndefined();
        lines << row(skill.id,
            skill.onShift() ? QStringLiteral("yes") : QStringLiteral("no"),
            allDay ? QStringLiteral("24/7") : formatBoundary(nextOn),
            allDay ? QStringLiteral("24/7") : formatBoundary(nextOff));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace SkillTable
