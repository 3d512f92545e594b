#include "activitylogpanel.h"

#include "activitylogmodel.h"
#include "logfilterproxy.h"
#include "plaintext.h"
#include "ui_activitylogpanel.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QKeySequence>
#include <QScrollBar>
#include <QShortcut>
#include <QUrl>

ActivityLogPanel::ActivityLogPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ActivityLogPanel>())
    , m_proxy(new LogFilterProxy(this))
{
    m_ui->setupUi(this);
    PlainText::applyToLabels(this);
    m_ui->logView->setModel(m_proxy);
    m_ui->logView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_ui->logView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_ui->logView->verticalHeader()->setDefaultSectionSize(m_ui->logView->fontMetrics().height() + 8);

    connect(m_ui->levelFilter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setMinimumLevel(static_cast<LogEntry::Level>(index));
    });
    connect(m_ui->copyButton, &QPushButton::clicked, this, &ActivityLogPanel::copyToClipboard);
    connect(m_ui->openFolderButton, &QPushButton::clicked, this, &ActivityLogPanel::openLogFolder);
    auto *copy = new QShortcut(QKeySequence::Copy, m_ui->logView);
    copy->setContext(Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &ActivityLogPanel::copyToClipboard);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ActivityLogPanel::followNewRows);
}

ActivityLogPanel::~ActivityLogPanel() = default;

void ActivityLogPanel::setLog(ActivityLog *log)
{
    m_log = log;
    delete m_model;
    m_model = new ActivityLogModel(log, this);
    m_proxy->setSourceModel(m_model);
    setDefaultColumnWidths();
    m_ui->openFolderButton->setEnabled(!log->filePath().isEmpty());
}

void ActivityLogPanel::setDefaultColumnWidths()
{
    QHeaderView *header = m_ui->logView->horizontalHeader();
    const QFontMetrics metrics = m_ui->logView->fontMetrics();
    const int padding = 3 * metrics.averageCharWidth();
    header->resizeSection(ActivityLogModel::TimeColumn,
        metrics.horizontalAdvance(QStringLiteral("2026-12-04 16:35:42")) + padding);
    header->resizeSection(ActivityLogModel::LevelColumn,
        metrics.horizontalAdvance(QStringLiteral("warning")) + padding + 20);
    header->resizeSection(ActivityLogModel::StepColumn,
        metrics.horizontalAdvance(QStringLiteral("shift status")) + padding);
}

// Stays at the newest entry while the operator is there, but never yanks the view away from
// an older line they scrolled up to read.
void ActivityLogPanel::followNewRows()
{
    QScrollBar *bar = m_ui->logView->verticalScrollBar();
    if (bar->value() >= bar->maximum() - 1)
        m_ui->logView->scrollToBottom();
}

QString ActivityLogPanel::textToCopy() const
{
    QList<int> rows;
    const QModelIndexList selected = m_ui->logView->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows << m_proxy->mapToSource(index).row();
    if (rows.isEmpty()) {
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            rows << m_proxy->mapToSource(m_proxy->index(row, 0)).row();
    }
    std::sort(rows.begin(), rows.end());

    QStringList lines;
    for (const int row : std::as_const(rows))
        lines << m_model->lineFor(row);
    return lines.join(QLatin1Char('\n'));
}

void ActivityLogPanel::copyToClipboard()
{
    if (m_model)
        QGuiApplication::clipboard()->setText(textToCopy());
}

void ActivityLogPanel::openLogFolder()
{
    if (!m_log || m_log->filePath().isEmpty())
        return;

    const QString folder = QFileInfo(m_log->filePath()).absolutePath();
    QDir().mkpath(folder);
    QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}
