#pragma once

#include "net/apierror.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

// One line of the activity and error log.
struct LogEntry
{
    enum class Level { Info, Warning, Error };

    QDateTime time;
    Level level = Level::Info;
    SyncStep step = SyncStep::None;
    QString message; // already scrubbed of secrets

    QString levelName() const;
    QString toLine() const; // "2026-12-04T15:00:00.000Z warning login: ..."
};

// The engine's activity and error log: bounded in memory for the UI, and appended to a
// rotating file under the standard app data location for later reading. Every message is
// scrubbed of registered secrets before it is kept anywhere.
class ActivityLog : public QObject
{
    Q_OBJECT

public:
    explicit ActivityLog(QObject *parent = nullptr);

    // An empty path keeps the log in memory only (tests, --sync-once without a data dir).
    void setFilePath(const QString &path);
    QString filePath() const { return m_filePath; }

    // The default: <AppDataLocation>/logs/shiftsync.log
    static QString defaultFilePath();

    void add(LogEntry::Level level, SyncStep step, const QString &message, const QDateTime &time);
    QList<LogEntry> entries() const { return m_entries; }

    static constexpr int MaxEntries = 1000;
    static constexpr qint64 MaxFileBytes = 1024 * 1024;
    static constexpr int KeptFiles = 3; // shiftsync.log, .1, .2

Q_SIGNALS:
    void entryAdded(const LogEntry &entry);

private:
    void appendToFile(const LogEntry &entry);
    void rotateIfNeeded();

    QList<LogEntry> m_entries;
    QString m_filePath;
};

Q_DECLARE_METATYPE(LogEntry)
