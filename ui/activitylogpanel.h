#pragma once

#include <QWidget>

#include <memory>

class ActivityLog;
class ActivityLogModel;
class LogFilterProxy;

namespace Ui {
class ActivityLogPanel;
}

// The activity and error log panel: the engine's log as a table that follows new entries, a
// level filter, copying lines to the clipboard, and "open log folder" for the rotated files.
class ActivityLogPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ActivityLogPanel(QWidget *parent = nullptr);
    ~ActivityLogPanel() override;

    // Shows `log`; the panel does not own it.
    void setLog(ActivityLog *log);

    LogFilterProxy *proxy() const { return m_proxy; }

    // The lines Copy puts on the clipboard: the selected rows, or every shown row.
    QString textToCopy() const;

public Q_SLOTS:
    void copyToClipboard();
    void openLogFolder();

private:
    void followNewRows();
    void setDefaultColumnWidths();

    std::unique_ptr<Ui::ActivityLogPanel> m_ui;
    ActivityLog *m_log = nullptr;
    ActivityLogModel *m_model = nullptr;
    LogFilterProxy *m_proxy;
};
