#pragma once

#include <QDateTime>

// The source of wall-clock time for everything that stamps, ages or schedules data.
// Tests substitute a ManualClock so that session expiry, staleness and the shaped
// timestamp can be checked without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;

    virtual QDateTime nowUtc() const = 0;

    // The process-wide system clock; callers that were given no clock use this one.
    static const Clock &system();
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime::currentDateTimeUtc())
        : m_now(std::move(start))
    { }

    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now; }
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};
