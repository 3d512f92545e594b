// When a failed cycle is tried again: LivePerson's retry policy as a table.

#include "sync/retrypolicy.h"

#include <QTest>

using RetryPolicy::Decision;

Q_DECLARE_METATYPE(Decision)
Q_DECLARE_METATYPE(ErrorKind)
Q_DECLARE_METATYPE(SyncStep)

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decisions_data();
    void decisions();
};

void TestRetryPolicy::decisions_data()
{
    QTest::addColumn<SyncStep>("step");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<int>("failures");
    QTest::addColumn<Decision>("decision");
    QTest::addColumn<qint64>("delayMs");

    QTest::newRow("5xx first failure waits 5 s")
        << SyncStep::FetchShiftStatus << ErrorKind::Server << -1 << 1 << Decision::RetrySoon << qint64(5000);
    QTest::newRow("5xx second failure waits 10 s")
        << SyncStep::Login << ErrorKind::Server << -1 << 2 << Decision::RetrySoon << qint64(10000);
    QTest::newRow("network third failure waits 15 s")
        << SyncStep::Write << ErrorKind::Network << -1 << 3 << Decision::RetrySoon << qint64(15000);
    QTest::newRow("timeout fourth failure backs off 30 s")
        << SyncStep::Write << ErrorKind::Timeout << -1 << 4 << Decision::RetrySoon << qint64(30000);
    QTest::newRow("fifth failure doubles to 60 s")
        << SyncStep::Write << ErrorKind::Server << -1 << 5 << Decision::RetrySoon << qint64(60000);
    QTest::newRow("backoff is capped at the interval")
        << SyncStep::Write << ErrorKind::Server << -1 << 40 << Decision::RetrySoon << qint64(900'000);
    QTest::newRow("login answers 429 without Retry-After: 5 s")
        << SyncStep::Login << ErrorKind::Throttled << -1 << 1 << Decision::RetrySoon << qint64(5000);
    QTest::newRow("shift status 429 without Retry-After: 1 s")
        << SyncStep::FetchShiftStatus << ErrorKind::Throttled << -1 << 1 << Decision::RetrySoon << qint64(1000);
    QTest::newRow("429 with Retry-After 30 honours it")
        << SyncStep::Write << ErrorKind::Throttled << 30 << 1 << Decision::RetrySoon << qint64(30000);
    QTest::newRow("login 429 with Retry-After 1 still waits 5 s")
        << SyncStep::Login << ErrorKind::Throttled << 1 << 1 << Decision::RetrySoon << qint64(5000);
    QTest::newRow("login 401 halts") << SyncStep::Login << ErrorKind::Unauthorized << -1 << 1 << Decision::Halt
                                     << qint64(0);
    QTest::newRow("invalid settings halt")
        << SyncStep::Configuration << ErrorKind::Configuration << -1 << 1 << Decision::Halt << qint64(0);
    QTest::newRow("a service missing from CSDS waits for the interval")
        << SyncStep::Domains << ErrorKind::Configuration << -1 << 1 << Decision::NextInterval << qint64(900'000);
    QTest::newRow("451 halts") << SyncStep::Login << ErrorKind::Blocked << -1 << 1 << Decision::Halt << qint64(0);
    QTest::newRow("missing credentials halt")
        << SyncStep::Credentials << ErrorKind::Credentials << -1 << 1 << Decision::Halt << qint64(0);
    QTest::newRow("403 on write halts (API key rejected)")
        << SyncStep::Write << ErrorKind::Unauthorized << -1 << 1 << Decision::Halt << qint64(0);
    QTest::newRow("shift status 401 after re-login waits for the interval")
        << SyncStep::FetchShiftStatus << ErrorKind::Unauthorized << -1 << 1 << Decision::NextInterval
        << qint64(900'000);
    QTest::newRow("400 is not retried early")
        << SyncStep::Write << ErrorKind::Rejected << -1 << 1 << Decision::NextInterval << qint64(900'000);
    QTest::newRow("HTML 200 is not retried early")
        << SyncStep::FetchShiftStatus << ErrorKind::BadData << -1 << 1 << Decision::NextInterval << qint64(900'000);
    QTest::newRow("413 is not retried early")
        << SyncStep::Write << ErrorKind::TooLarge << -1 << 1 << Decision::NextInterval << qint64(900'000);
}

void TestRetryPolicy::decisions()
{
    QFETCH(SyncStep, step);
    QFETCH(ErrorKind, kind);
    QFETCH(int, retryAfter);
    QFETCH(int, failures);
    QFETCH(Decision, decision);
    QFETCH(qint64, delayMs);

    ApiError error = ApiError::make(step, kind, QStringLiteral("test"));
    error.retryAfterSeconds = retryAfter;
    const RetryPolicy::Outcome outcome = RetryPolicy::afterFailure(error, failures, 900'000);

    QCOMPARE(outcome.decision, decision);
    if (decision != Decision::Halt)
        QCOMPARE(outcome.delayMs, delayMs);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
