#include "timetext.h"

#include <QLocale>

namespace {

constexpr qint64 SecondMs = 1000;
constexpr qint64 MinuteMs = 60 * SecondMs;
constexpr qint64 HourMs = 60 * MinuteMs;
constexpr qint64 DayMs = 24 * HourMs;

} // namespace

QString TimeText::relative(qint64 msFromNow)
{
    if (qAbs(msFromNow) < SecondMs)
        return tr("now");
    if (msFromNow > 0)
        return tr("in %1").arg(span(msFromNow));
    return tr("%1 ago").arg(span(-msFromNow));
}

// Two units at most, the larger first, rounded down: precise enough to glance at.
QString TimeText::span(qint64 ms)
{
    if (ms < MinuteMs)
        return tr("%1 s").arg(ms / SecondMs);
    if (ms < HourMs)
        return tr("%1 min").arg(ms / MinuteMs);
    if (ms < DayMs) {
        const qint64 minutes = (ms % HourMs) / MinuteMs;
        if (minutes == 0)
            return tr("%1 h").arg(ms / HourMs);
        return tr("%1 h %2 min").arg(ms / HourMs).arg(minutes);
    }

    const qint64 hours = (ms % DayMs) / HourMs;
    if (hours == 0)
        return tr("%1 d").arg(ms / DayMs);
    return tr("%1 d %2 h").arg(ms / DayMs).arg(hours);
}

QString TimeText::localTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QString();

    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    // Some locales' short format has seconds ("C": HH:mm:ss); minutes are enough here.
    const QString time
        = locale.toString(local.time(), locale.timeFormat(QLocale::ShortFormat).remove(QLatin1String(":ss")));
    if (local.date() == now.toLocalTime().date())
        return time;
    return tr("%1 %2", "date, then time").arg(locale.toString(local.date(), QStringLiteral("ddd d MMM")), time);
}

QString TimeText::withHint(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QString();
    return tr("%1 (%2)", "wall-clock time, then relative hint").arg(localTime(when, now), relative(now.msecsTo(when)));
}

QString TimeText::duration(qint64 ms)
{
    if (ms < SecondMs)
        return tr("%1 ms").arg(ms);
    if (ms < MinuteMs)
        return tr("%1 s").arg(QLocale().toString(static_cast<double>(ms) / SecondMs, 'f', 1));
    return tr("%1 min %2 s").arg(ms / MinuteMs).arg((ms % MinuteMs) / SecondMs);
}
