#include "simulatedaccount.h"

#include <QRandomGenerator>
#include <QSet>

#include <algorithm>

namespace {

const char *const SkillBases[] = {
    "Sales",
    "Billing",
    "Technical Support",
    "Retention",
    "Onboarding",
    "Collections",
    "Claims",
    "Renewals",
    "VIP Care",
    "Returns",
    "Shipping",
    "Payments",
    "Fraud",
    "Escalations",
    "Loyalty",
    "Upgrades",
    "Bot Handoff",
    "Partners",
    "Accounts",
    "Product Advice",
};

const char *const SkillSuffixes[] = {
    "",
    " - EMEA",
    " - APAC",
    " - Americas",
    " - Spanish",
    " - French",
    " - German",
    " - Night Shift",
};

constexpr qsizetype BaseCount = sizeof(SkillBases) / sizeof(SkillBases[0]);
constexpr qsizetype SuffixCount = sizeof(SkillSuffixes) / sizeof(SkillSuffixes[0]);

// A skill id above 2^32, always present, so that every seed exercises the B16 cases.
constexpr qint64 BigSkillId = 4300000001;

// Unique names: every base first (in seed order), then with regional suffixes, then numbered.
QStringList skillNames(int count, QRandomGenerator &random)
{
    QList<qsizetype> bases;
    for (qsizetype i = 0; i < BaseCount; ++i)
        bases.append(i);
    std::shuffle(bases.begin() + 1, bases.end(), random); // "Sales" stays first, for the demo

    QStringList names;
    for (qsizetype round = 0; names.size() < count; ++round) {
        for (qsizetype base : std::as_const(bases)) {
            QString name = QLatin1String(SkillBases[base]) + QLatin1String(SkillSuffixes[round % SuffixCount]);
            if (round >= SuffixCount)
                name += QStringLiteral(" %1").arg(round / SuffixCount + 1);
            names.append(name);
            if (names.size() == count)
                break;
        }
    }
    return names;
}

// Mostly 10-digit ids (most of them above 2^31), one in eight 9-digit, never repeated.
qint64 skillId(QRandomGenerator &random, QSet<qint64> &used)
{
    while (true) {
        const bool shortId = random.bounded(8) == 0;
        const qint64 id = shortId ? 100000000 + qint64(random.bounded(900000000))
                                  : 1000000000 + qint64(random.bounded(quint64(9000000000)));
        if (!used.contains(id)) {
            used.insert(id);
            return id;
        }
    }
}

// The first four skills cover every schedule kind so each seed shows them all.
SimulatedAccount::Schedule scheduleFor(int index, QRandomGenerator &random)
{
    using Schedule = SimulatedAccount::Schedule;
    static const Schedule fixed[]
        = {Schedule::DailyWindow, Schedule::AlwaysOn, Schedule::ManualOff, Schedule::OffUntilNextOn};
    if (index < 4)
        return fixed[index];

    const int roll = random.bounded(100);
    if (roll < 12)
        return Schedule::AlwaysOn;
    if (roll < 18)
        return Schedule::ManualOff;
    if (roll < 22)
        return Schedule::OffUntilNextOn;
    return Schedule::DailyWindow;
}

QJsonValue idValue(qint64 id, bool asString)
{
    return asString ? QJsonValue(QString::number(id)) : QJsonValue(id);
}

} // namespace

SimulatedAccount::SimulatedAccount(int skillCount, quint32 seed)
{
    QRandomGenerator random(seed);
    const int deletedCount = skillCount / 20;
    const QStringList names = skillNames(skillCount + deletedCount, random);

    QSet<qint64> usedIds {BigSkillId};
    for (int i = 0; i < names.size(); ++i) {
        Skill skill;
        skill.id = i == 1 ? BigSkillId : skillId(random, usedIds);
        skill.name = names.at(i);
        skill.schedule = scheduleFor(i, random);
        skill.startMinuteUtc = int(random.bounded(48)) * 30;
        skill.durationMinutes = (8 + int(random.bounded(17))) * 30; // 4 h to 12 h
        skill.deleted = i >= skillCount;
        skill.maxWaitTime = 30 * int(1 + random.bounded(10));
        m_skills.append(skill);
    }
}

QJsonArray SimulatedAccount::shiftStatus(qint64 nowMs, ShiftStatusShape shape) const
{
    QJsonArray entries;
    for (const Skill &skill : m_skills) {
        if (!skill.deleted)
            entries.append(shiftEntry(skill, nowMs, shape));
    }
    return entries;
}

QJsonArray SimulatedAccount::skillList(const QStringList &select, bool includeDeleted, bool stringIds) const
{
    QStringList fields = select.isEmpty()
        ? QStringList {QStringLiteral("id"), QStringLiteral("deleted"), QStringLiteral("name")}
        : select;
    if (!fields.contains(QStringLiteral("id")))
        fields.prepend(QStringLiteral("id"));

    QJsonArray list;
    for (const Skill &skill : m_skills) {
        if (includeDeleted || !skill.deleted)
            list.append(skillObject(skill, fields, stringIds));
    }
    return list;
}

QJsonObject SimulatedAccount::shiftEntry(const Skill &skill, qint64 nowMs, ShiftStatusShape shape)
{
    QJsonObject entry {{shape.legacySkillField ? QStringLiteral("skill") : QStringLiteral("skillId"),
        idValue(skill.id, shape.stringIds)}};

    const qint64 dayStart = nowMs - nowMs % DayMs;
    const qint64 start = dayStart + qint64(skill.startMinuteUtc) * 60000;
    const qint64 length = qint64(skill.durationMinutes) * 60000;

    switch (skill.schedule) {
    case Schedule::AlwaysOn:
        entry.insert(QStringLiteral("onShift"), true);
        if (shape.nullNextFields) {
            entry.insert(QStringLiteral("nextOn"), QJsonValue::Null);
            entry.insert(QStringLiteral("nextOff"), QJsonValue::Null);
        }
        return entry;
    case Schedule::ManualOff:
        entry.insert(QStringLiteral("onShift"), false);
        entry.insert(QStringLiteral("nextOn"), QJsonValue::Null);
        entry.insert(QStringLiteral("nextOff"), QJsonValue::Null);
        return entry;
    case Schedule::OffUntilNextOn:
        entry.insert(QStringLiteral("onShift"), false);
        entry.insert(QStringLiteral("nextOn"), start + DayMs);
        if (shape.nullNextFields)
            entry.insert(QStringLiteral("nextOff"), QJsonValue::Null);
        return entry;
    case Schedule::DailyWindow:
        break;
    }

    // The window that may still be open from yesterday, today's, and tomorrow's.
    qint64 nextOn = start;
    qint64 nextOff = start + length;
    bool onShift = false;
    if (nowMs < start - DayMs + length) {
        onShift = true;
        nextOff = start - DayMs + length;
    } else if (nowMs >= start && nowMs < start + length) {
        onShift = true;
        nextOn = start + DayMs;
    } else if (nowMs >= start + length) {
        nextOn = start + DayMs;
        nextOff = start + DayMs + length;
    }

    entry.insert(QStringLiteral("onShift"), onShift);
    entry.insert(QStringLiteral("nextOn"), nextOn);
    entry.insert(QStringLiteral("nextOff"), nextOff);
    return entry;
}

QJsonObject SimulatedAccount::skillObject(const Skill &skill, const QStringList &fields, bool stringIds)
{
    const bool all = fields.contains(QStringLiteral("$all"));
    const auto wanted = [&](const char *field) {
        return all || fields.contains(QLatin1String(field));
    };

    QJsonObject object {{QStringLiteral("id"), idValue(skill.id, stringIds)}};
    if (wanted("deleted"))
        object.insert(QStringLiteral("deleted"), skill.deleted);
    if (wanted("name"))
        object.insert(QStringLiteral("name"), skill.name);
    if (wanted("description"))
        object.insert(QStringLiteral("description"), QStringLiteral("Simulated skill %1").arg(skill.name));
    if (wanted("maxWaitTime"))
        object.insert(QStringLiteral("maxWaitTime"), skill.maxWaitTime);
    if (wanted("skillOrder"))
        object.insert(QStringLiteral("skillOrder"), 0);
    if (wanted("dateUpdated"))
        object.insert(QStringLiteral("dateUpdated"), QStringLiteral("2024-01-01 00:00:00"));
    return object;
}
