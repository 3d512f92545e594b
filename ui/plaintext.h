#pragma once

#include <QString>

class QWidget;

// Text that comes from servers (error messages, skill names, log lines) must never be read as
// HTML: Qt labels and tool tips guess "rich text" from the first tag they see, so a crafted
// error body could add links or images, or stretch the window off the screen.
namespace PlainText {

// Sets every QLabel below `root` to Qt::PlainText. Call right after setupUi().
void applyToLabels(QWidget *root);

// A tool tip that shows `text` literally, line breaks kept.
QString toolTip(const QString &text);

} // namespace PlainText
