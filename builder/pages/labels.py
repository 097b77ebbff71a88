"""Every label the site shows for a code of the builder's: removal reasons, flag kinds, scripts.

Written in Simplified Chinese; the other editions convert them with the rest of the page. A test checks
that every code has a label (``tests/test_labels.py``).
"""

from __future__ import annotations

from builder.model import FlagKind, Removal, RemovalReason

SCRIPT_NAMES = {"hans": "简体", "hant": "繁体"}
FLAG_NAMES: dict[FlagKind, str] = {
    "mojibake": "乱码",
    "lost": "缺字",
    "censored": "原文屏蔽",
    "repaired": "已修复",
}
# ``{detail}`` stands for the removal's detail (for a repeated body, the line of the copy kept).
REMOVAL_LABELS: dict[RemovalReason, str] = {
    RemovalReason.CONTROL_CHARACTERS: "控制字符",
    RemovalReason.CURATOR_DROP: "策展人指定删除",
    RemovalReason.PINYIN: "拼音注音",
    RemovalReason.REPEATED_COPY: "重复的正文：与第 {detail} 行相同",
    RemovalReason.REPEATED_DAMAGED_COPY: "重复的正文：这是有损的一份，保留了第 {detail} 行的完好副本",
    RemovalReason.TITLE_LINE: "标题行",
    RemovalReason.TITLE_REPEATED: "重复的标题",
    RemovalReason.DATE_LINE: "日期行",
    RemovalReason.BYLINE: "署名行",
    RemovalReason.OUTSIDE_BODY: "正文之外的网页内容",
    RemovalReason.REPEATED_WIDGET: "重复的网页部件文字",
    RemovalReason.WIDGET_LABEL: "网页按钮或菜单",
    RemovalReason.COMMENT_TIMESTAMP: "评论时间",
    RemovalReason.COMMENT_BOX: "评论框",
    RemovalReason.APP_PROMPT: "下载应用或扫码提示",
    RemovalReason.FOLLOW_PROMPT: "关注或订阅提示",
    RemovalReason.REPRINT_NOTICE: "转载或版权声明",
    RemovalReason.LICENCE_LINE: "备案或许可证信息",
    RemovalReason.TIMESTAMP: "单独一行的时间",
    RemovalReason.IMAGE_CREDIT: "图片来源",
    RemovalReason.SOURCE_CREDITS: "资料来源",
    RemovalReason.EDITOR_CREDIT: "编辑署名",
    RemovalReason.TAG_LIST: "标签列表",
    RemovalReason.NAVIGATION: "导航",
    RemovalReason.NAVIGATION_MENU: "导航",
    RemovalReason.RELATED_READING: "相关阅读",
    RemovalReason.ERROR_REPORT_FORM: "纠错表单",
    RemovalReason.SHARE_BAR: "分享栏",
    RemovalReason.PROMOTION: "推广",
    RemovalReason.BREADCRUMB: "面包屑导航",
}


def removal_label(removal: Removal) -> str:
    """How the site names why a line was removed."""
    return REMOVAL_LABELS[removal.reason].format(detail=removal.detail)


def flag_name(kind: FlagKind) -> str:
    """How the site names a kind of damage."""
    return FLAG_NAMES[kind]
