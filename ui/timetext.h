#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

// How the desktop writes times and durations for people: wall-clock times in local time, ages
// and countdowns as short relative hints ("in 2 h 10 min", "3 min ago"), step durations. One
// place, so the status panel, the skill table and the tray tooltip say it the same way.
class TimeText
{
    Q_DECLARE_TR_FUNCTIONS(TimeText)

public:
    // "now", "in 45 s", "in 12 min", "in 2 h 10 min", "in 3 d 4 h"; negative spans read
    // "45 s ago" and so on.
    static QString relative(qint64 msFromNow);

    // The local wall-clock time of `when`: "14:05" on the same day as `now`, otherwise with
    // the date ("Tue 2 Mar 14:05").
    static QString localTime(const QDateTime &when, const QDateTime &now);

    // "14:05 (in 2 h 10 min)": the time and how far it is from now.
    static QString withHint(const QDateTime &when, const QDateTime &now);

    // "850 ms", "1.4 s", "2 min 5 s".
    static QString duration(qint64 ms);

private:
    static QString span(qint64 ms);
};
