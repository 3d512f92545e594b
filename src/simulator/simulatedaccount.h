#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The generated skills of the simulated account and their shift schedules. Everything is
// derived from the seed (names, ids, schedules); only on/off and the next boundaries depend on
// the time passed in, so two runs with the same seed agree at the same instant.
class SimulatedAccount
{
public:
    enum class Schedule {
        DailyWindow, // on shift inside a daily UTC window; nextOn/nextOff are its boundaries
        AlwaysOn, // 24/7: onShift true, nextOn/nextOff left out
        ManualOff, // account schedule manual and off: onShift false, nextOn/nextOff null
        OffUntilNextOn, // closed today: onShift false, only nextOn present
    };

    struct Skill
    {
        qint64 id = 0;
        QString name;
        Schedule schedule = Schedule::DailyWindow;
        int startMinuteUtc = 0; // DailyWindow / OffUntilNextOn
        int durationMinutes = 0; // DailyWindow
        bool deleted = false; // only in the skills list, with include_deleted=true
        int maxWaitTime = 0;
    };

    // Content options for a shift-status answer (the content-shaping faults).
    struct ShiftStatusShape
    {
        bool legacySkillField = false; // "skill" instead of "skillId"
        bool stringIds = false;
        bool nullNextFields = false; // null instead of leaving nextOn/nextOff out
    };

    SimulatedAccount(int skillCount, quint32 seed);

    QList<Skill> skills() const { return m_skills; }

    // One entry per live skill, as GET /shift-status returns it at nowMs.
    QJsonArray shiftStatus(qint64 nowMs, ShiftStatusShape shape) const;

    // The skills list for GET /configuration/le-users/skills. `select` is the comma-separated
    // field list ("$all" for everything; id, name and deleted by default).
    QJsonArray skillList(const QStringList &select, bool includeDeleted, bool stringIds) const;

    static constexpr qint64 DayMs = qint64(24) * 60 * 60 * 1000;

private:
    static QJsonObject shiftEntry(const Skill &skill, qint64 nowMs, ShiftStatusShape shape);
    static QJsonObject skillObject(const Skill &skill, const QStringList &fields, bool stringIds);

    QList<Skill> m_skills;
};
