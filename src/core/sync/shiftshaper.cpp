#include "shiftshaper.h"

#include <QHash>
#include <QRegularExpression>

namespace ShiftShaper {

QString timestampFor(const QDateTime &nowUtc)
{
    return nowUtc.toUTC().toString(Qt::ISODateWithMs);
}

QString keyForId(const QJsonValue &id, QString *why)
{
    static const QRegularExpression canonical(QStringLiteral("^[1-9][0-9]{0,15}$"));

    if (id.isString()) {
        const QString text = id.toString();
        if (!canonical.match(text).hasMatch() || text.toLongLong() > MaxSafeInteger) {
            *why = QStringLiteral("skill id string '%1' is not a plain positive number").arg(text.left(40));
            return QString();
        }
        return text;
    }

    if (!id.isDouble()) {
        *why = id.isUndefined() ? QStringLiteral("no skill id") : QStringLiteral("skill id is not a number");
        return QString();
    }

    // toInteger() succeeds only for whole values that fit in 64 bits, whether Qt stored the
    // number as an integer or as a double; the default marks everything else.
    const qint64 value = id.toInteger(-1);
    if (value <= 0 || value > MaxSafeInteger) {
        *why = QStringLiteral("skill id %1 is not a whole number between 1 and 2^53")
                   .arg(QString::number(id.toDouble(), 'g', 17));
        return QString();
    }
    return QString::number(value);
}

namespace {

// Bots test `s.onShift` for truth and read the times as epoch milliseconds, so an entry whose
// fields have other types would mislead them: "false" as a string is true in JavaScript.
QString fieldProblem(const QJsonObject &entry)
{
    if (!entry.value(QLatin1String("onShift")).isBool())
        return QStringLiteral("onShift is missing or not true/false");

    for (const char *name : {"nextOn", "nextOff"}) {
        const QJsonValue value = entry.value(QLatin1String(name));
        if (!value.isUndefined() && !value.isNull() && value.toInteger(-1) < 0)
            return QStringLiteral("%1 is not a time in epoch milliseconds").arg(QLatin1String(name));
    }
    return QString();
}

QJsonValue idValue(const QJsonObject &entry, const Options &options)
{
    const QJsonValue id = entry.value(QLatin1String("skillId"));
    if (id.isUndefined() && options.acceptLegacySkillField)
        return entry.value(QLatin1String("skill"));
    return id;
}

} // namespace

ShapedShiftStatus shape(const QJsonArray &entries, const QDateTime &nowUtc, const Options &options)
{
    ShapedShiftStatus result;
    result.document.insert(QStringLiteral("timestamp"), timestampFor(nowUtc));
    QHash<QString, qsizetype> position;

    for (qsizetype index = 0; index < entries.size(); ++index) {
        const QJsonValue value = entries.at(index);
        if (!value.isObject()) {
            result.skipped << QStringLiteral("entry %1: not a JSON object").arg(index);
            continue;
        }

        const QJsonObject entry = value.toObject();
        QString why;
        const QString key = keyForId(idValue(entry, options), &why);
        if (key.isEmpty()) {
            result.skipped << QStringLiteral("entry %1: %2").arg(index).arg(why);
            continue;
        }
        if (const QString problem = fieldProblem(entry); !problem.isEmpty()) {
            result.skipped << QStringLiteral("skill %1: %2").arg(key, problem);
            continue;
        }

        result.document.insert(key, entry);
        if (position.contains(key)) {
            result.duplicates << key;
            result.skills[position.value(key)].entry = entry;
        } else {
            position.insert(key, result.skills.size());
            result.skills.append(SkillShift {key, entry});
        }
    }

    for (const SkillShift &skill : std::as_const(result.skills))
        result.onShiftCount += skill.onShift() ? 1 : 0;
    return result;
}

} // namespace ShiftShaper
