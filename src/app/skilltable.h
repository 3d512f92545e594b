#pragma once

#include "sync/shiftshaper.h"

#include <QDateTime>
#include <QString>

// Renders skills as a fixed-width text table for the terminal:
//   SKILL ID     ON SHIFT  NEXT ON (UTC)      NEXT OFF (UTC)
//   4300000001   yes       —                  2026-12-04 17:00
// "24/7" where the API leaves both times out of an on-shift skill, "—" where a time is null
// or missing otherwise.
namespace SkillTable {

QString render(const QList<SkillShift> &skills);

// One shift boundary for people: "2026-12-04 17:00", "—" for null or missing.
QString formatBoundary(const QJsonValue &value);

} // namespace SkillTable
