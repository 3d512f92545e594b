#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// One skill as the last good fetch reported it.
struct SkillShift
{
    QString id; // the exact decimal digits used as the store key
    QJsonObject entry; // the entry as received, unchanged

    bool onShift() const { return entry.value(QLatin1String("onShift")).toBool(); }
};

// The result of turning a Shift Status array into the document the reference job writes.
struct ShapedShiftStatus
{
    QJsonObject document; // {"timestamp": "...Z", "<skillId>": {...}, ...}
    QList<SkillShift> skills; // in the order received, duplicates resolved
    QStringList skipped; // one line per entry that was left out, and why
    QStringList duplicates; // ids that appeared more than once (the last entry wins)
    int onShiftCount = 0;
};

// Builds exactly the object LivePerson's reference FaaS job builds: a `timestamp` (ISO-8601
// UTC with milliseconds and 'Z', as JavaScript's Date serialises) plus one key per skill id
// whose value is the skill's entry copied unchanged. Ids are read without ever passing
// through double formatting, so "4300000001" stays "4300000001", never "4.3e+09".
//
// Decisions where the reference job is loose:
// - numeric ids must be whole, positive and at most 2^53 (beyond that JavaScript itself
//   could not have represented them); anything else is skipped and logged;
// - string ids are accepted when they are canonical decimal digits ("12"), because the
//   reference job would key them the same way; other strings are skipped;
// - an entry without a usable id is skipped, never keyed "0" or "undefined";
// - an entry whose onShift is not a boolean, or whose nextOn/nextOff is neither absent, null
//   nor a non-negative whole number, is skipped: a bot would misread it;
// - the legacy field name `skill` is used when `skillId` is absent, if allowed.
namespace ShiftShaper {

struct Options
{
    bool acceptLegacySkillField = true;
};

ShapedShiftStatus shape(const QJsonArray &entries, const QDateTime &nowUtc, const Options &options);

// "2024-05-01T12:00:00.000Z"
QString timestampFor(const QDateTime &nowUtc);

// The store key for an id value, or an empty string with `why` set when it is unusable.
QString keyForId(const QJsonValue &id, QString *why);

inline constexpr qint64 MaxSafeInteger = (qint64(1) << 53);

} // namespace ShiftShaper
