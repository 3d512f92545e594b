#include "plaintext.h"

#include <QLabel>

namespace PlainText {

void applyToLabels(QWidget *root)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    for (QLabel *label : labels)
        label->setTextFormat(Qt::PlainText);
}

QString toolTip(const QString &text)
{
    // Escaped and wrapped in a tag, so the tool tip renders it as rich text that says exactly
    // what the server sent; plain text without the wrapper would be guessed at again.
    if (text.isEmpty())
        return text;
    return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace PlainText
