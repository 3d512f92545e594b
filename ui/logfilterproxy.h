#pragma once

#include "sync/activitylog.h"

#include <QSortFilterProxyModel>

// Shows only log rows at or above a level ("warnings and errors", "errors only").
class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LogFilterProxy(QObject *parent = nullptr);

    void setMinimumLevel(LogEntry::Level level);
    LogEntry::Level minimumLevel() const { return m_minimum; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogEntry::Level m_minimum = LogEntry::Level::Info;
};
