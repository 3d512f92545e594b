#pragma once

#include "sync/activitylog.h"

#include <QAbstractTableModel>
#include <QList>

// The activity and error log as a table (time, level, step, message), newest last. Follows
// the engine's ActivityLog as entries arrive, keeping as many as the log itself keeps.
class ActivityLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, LevelColumn, StepColumn, MessageColumn, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1 }; // int(LogEntry::Level)

    explicit ActivityLogModel(ActivityLog *log, QObject *parent = nullptr);

    const LogEntry &entry(int row) const { return m_entries.at(row); }

    // "14:05:09  error  login  login at ... failed: HTTP 401 ...": one row as a line of text
    // for the clipboard.
    QString lineFor(int row) const;

    static QString levelText(LogEntry::Level level);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void append(const LogEntry &entry);
    QVariant display(const LogEntry &entry, int column) const;

    QList<LogEntry> m_entries;
};
