"""Drop site chrome: by what a line says, and by where it stands relative to the article body.

Patterns are written once in Simplified Chinese and matched against an OpenCC-simplified copy of
each line, so Traditional pages (Taiwan, Hong Kong) are covered by the same rules.
"""

from __future__ import annotations

import functools
import logging
import re

from builder.clean.options import CleanOptions
from builder.clean.textshape import (
    clause_punctuation,
    ends_sentence,
    han_count,
    touches_body,
    visible_length,
)
from builder.model import Article, Block, Removal, RemovalReason

log = logging.getLogger(__name__)

# Whole-line widget labels: buttons, menus, share targets (seeds 001, 003, 004 and other sites).
_WIDGET_TEXT = """
正在阅读 评论 发表评论 暂无评论 评论区 留言 我要评论 网友评论 关注 已关注 +关注 订阅 纠错 分享
分享到 分享至 转发 收藏 点击收藏 点赞 赞 打赏 举报 微信 微博 微信公众号 公众号 QQ QQ空间 朋友圈
复制链接 返回顶部 回到顶部 返回首页 返回 首页 上一篇 下一篇 往期推荐 推荐阅读 相关阅读 延伸阅读
相关文章 相关新闻 相关推荐 热门文章 热门推荐 热门新闻 热门 最新 最新消息 猜你喜欢 继续阅读 阅读原文
阅读全文 展开全文 查看更多 看更多 更多 加载更多 打开APP 登录 注册 登入 加入自媒体 x X × 广告 字号 大
中 小 打印 列印 回复 编辑推荐 全文 原文链接 来源 标签 关键词 关键字 Facebook Twitter LINE Line
WhatsApp Telegram Email 电邮 下载 下载APP 免费下载 目录 导航 菜单 搜索 客户端 会员 加入会员
订阅电子报 取消 确定 提交 发送 了解更多 阅读更多 上一页 下一页 TOP top 分享本文 听新闻 播放 暂停
"""
_WIDGET_WORDS = frozenset(_WIDGET_TEXT.split())
_TRAILING_LABEL = re.compile(r"[\s:：|>»›]+$")

# A heading over a list of other articles: alone on its line, or before a colon (`相关阅读：…`), never
# the start of a sentence (`相关报道显示，…` is article text).
_RELATED = (
    r"^[\[【]?(相关|延伸|推荐|热门|往期|更多|猜你|为你|为您|此前|之前)(阅读|文章|新闻|推荐|报道|内容|喜欢)"
    r"[\]】]?\s*([^\s，,。；;！!？?]{0,4}$|[:：>》»])"
)
# An author's other posts under a self-media article (Baijiahao: `作者最新文章`).
_AUTHOR_LIST = r"|^(作者|他|她)的?(最新|更多|其他|热门)?(文章|作品)$"
# (pattern on the simplified line, reason). Order matters only for the reason reported.
_PATTERNS: tuple[tuple[re.Pattern[str], RemovalReason], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (
            r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?\s*(回复|回覆|回应|举报|赞)",
            RemovalReason.COMMENT_TIMESTAMP,
        ),
        (
            r"发表评论|暂无评论|\d+\s*条评论|\d+\s*人参与|请输入评论|评论内容|评论长度|快来评价|提交的评论"
            r"|网友评论|我要评论|查看评论|全部评论|抢沙发|评论\s*\(\d+\)|留言(规则|板)|^发表意见",
            RemovalReason.COMMENT_BOX,
        ),
        (
            r"扫一扫|扫码|二维码|长按识别|下载.{0,12}(APP|客户端)|打开.{0,8}(APP|客户端)|APP\s*专享|立即下载",
            RemovalReason.APP_PROMPT,
        ),
        (
            r"关注(我们|公众号|微信|微博|官方)|欢迎关注|订阅(电子报|我们|频道|本刊)|加.{0,6}好友|追踪我们",
            RemovalReason.FOLLOW_PROMPT,
        ),
        (
            r"转载|授权事宜|未经(授权|许可)|版权所有|版权归|著作权|如有侵权|有侵权请|侵权请|侵删|观点仅代表"
            r"|非经授权|不代表.{0,24}(立场|观点)|免责声明|^(特别)?声明\s*[:：]|仅提供信息存储服务"
            r"|copyright|©|all rights reserved",
            RemovalReason.REPRINT_NOTICE,
        ),
        (r"ICP\s*(备|证)|网安备|公网安备|增值电信|经营许可证|备案号", RemovalReason.LICENCE_LINE),
        # A date or time alone on its line (a teaser's `13:422018/09/13`); a dateline above the body
        # has been read as the date before this step runs.
        (r"^[\d\s:/.\-年月日]{4,22}$", RemovalReason.TIMESTAMP),
        (
            r"^(图片|配图|图源|图|摄影|摄|资料图|题图|头图|封面图|图文)\s*(来源|来自|提供|由)?\s*[:：/／|]"
            r"|图片来源|图片由.{0,20}提供|(供图|摄)\s*$",
            RemovalReason.IMAGE_CREDIT,
        ),
        # `原创： 某某编译 某公众号`: a WeChat post's byline as Sina republishes it.
        (
            r"^(资料|参考|信息)来源\s*[:：]|^(本文|文章)?来源于?\s*[:：]|^原创\s*[:：]",
            RemovalReason.SOURCE_CREDITS,
        ),
        (
            r"^[\[【(（]?(责任编辑|编辑|责编|校对|审核|排版|美编|编审|值班编辑)\s*[:：|丨]",
            RemovalReason.EDITOR_CREDIT,
        ),
        # A tag list under the article (Phoenix: `标签：长春 景甜 长春市 疫情 …`).
        (r"^[\[【]?(标签|关键词|关键字|tags?)[\]】]?\s*[:：]", RemovalReason.TAG_LIST),
        # Links to the neighbouring articles (`上一篇：…`, `【下一篇】`).
        (r"^[\[【]?(上一篇|下一篇|上一条|下一条|上篇|下篇)[\]】]?\s*([:：]|$)", RemovalReason.NAVIGATION),
        (_RELATED + _AUTHOR_LIST, RemovalReason.RELATED_READING),
        (r"纠错|验证码|联系邮箱|文字标题|^\*.{1,10}[:：]$", RemovalReason.ERROR_REPORT_FORM),
        (
            r"^分享(到|至)?\s*[:：]|^(微信|微博|QQ|Facebook|Twitter|LINE)(\s*[|/·、]\s*\S+)+$"
            r"|^用\s*(LINE|Line|微信|微博|Facebook)\s*(传送|分享)$",
            RemovalReason.SHARE_BAR,
        ),
        (r"猎头职位|招聘职位|获取更多|更多精彩|精彩推荐", RemovalReason.PROMOTION),
        (r"(点击|点此|戳)(这里|此处)?(查看|阅读|下载|关注|进入|了解)", RemovalReason.NAVIGATION),
        (r"^(\S{1,6}\s+){2,}(更多|more)\s*[>»›]*$", RemovalReason.NAVIGATION),
        # A menu: four or more short words side by side (`新浪首页 新闻 体育 财经 娱乐 科技`).
        (r"^(\S{1,4}[ \t|｜·]+){3,}\S{1,4}$", RemovalReason.NAVIGATION_MENU),
        # A breadcrumb: `首頁 > 科技 > AI`.
        (r"^\S{1,8}(\s*[>»›]\s*\S{1,12})+$", RemovalReason.BREADCRUMB),
    )
)
# A line this long that matches a copyright word is article text quoting one, not a notice.
_MAX_NOTICE_LENGTH = 160


@functools.lru_cache(maxsize=65536)
def chrome_reason(line: str, simplified: str) -> RemovalReason | None:
    """Why a line is site chrome judged by its words alone, or None."""
    label = _TRAILING_LABEL.sub("", simplified.strip())
    if label in _WIDGET_WORDS or simplified.strip() in _WIDGET_WORDS:
        return RemovalReason.WIDGET_LABEL
    if visible_length(line) > _MAX_NOTICE_LENGTH:
        return None
    for pattern, reason in _PATTERNS:
        if pattern.search(simplified):
            return reason
    return None


_RELATED_HEADING = re.compile(_RELATED + _AUTHOR_LIST)


def is_related_heading(simplified: str) -> bool:
    """A `相关阅读`-style heading over a list of other articles (matched on the simplified line)."""
    return bool(_RELATED_HEADING.match(simplified.strip()))


def is_prose(text: str) -> bool:
    """A line that reads as article prose: long enough and punctuated like sentences."""
    return (han_count(text) >= 20 or visible_length(text) >= 40) and clause_punctuation(text) >= 1


def drop_chrome(article: Article, options: CleanOptions) -> Article:
    """Drop chrome lines by their words, then everything outside the body the prose marks out."""
    keep_rules = options.sidecar.keep if options.sidecar else ()
    reasons: list[RemovalReason | None] = []
    for block in article.blocks:
        if any(rule in block.text for rule in keep_rules):
            reasons.append(None)
            continue
        reasons.append(chrome_reason(block.text, options.converters.simplified(block.text)))
    _mark_repeated_short_lines(article.blocks, reasons, keep_rules)
    _mark_outside_body(article.blocks, article.body_lines, reasons, keep_rules)
    kept: list[Block] = []
    removed: list[Removal] = []
    for block, reason in zip(article.blocks, reasons, strict=True):
        if reason is None:
            kept.append(block)
        else:
            removed.append(Removal(block.line, block.text, reason))
            log.info("%s:%d: dropped (%s) %r", article.provenance.path, block.line, reason, block.text)
    return article.with_blocks(tuple(kept), tuple(removed))


def _mark_repeated_short_lines(
    blocks: tuple[Block, ...], reasons: list[RemovalReason | None], keep_rules: tuple[str, ...]
) -> None:
    """A short line that stands twice on a page is a widget (seed 004: `暫無評論` twice)."""
    seen: dict[str, int] = {}
    for block in blocks:
        if visible_length(block.text) <= 20 and not ends_sentence(block.text):
            seen[block.text] = seen.get(block.text, 0) + 1
    for index, block in enumerate(blocks):
        repeated = seen.get(block.text, 0) >= 2
        if reasons[index] is None and repeated and not any(rule in block.text for rule in keep_rules):
            reasons[index] = RemovalReason.REPEATED_WIDGET


def _mark_outside_body(
    blocks: tuple[Block, ...],
    body_lines: tuple[int, int] | None,
    reasons: list[RemovalReason | None],
    keep_rules: tuple[str, ...],
) -> None:
    """Everything outside the body ``clean/body.py`` marked out is chrome, but for sentences that
    touch the body (a one-line opener like seed 004's `ChatGPT被玩瘋了!`)."""
    if body_lines is None:
        return
    inside = [i for i, b in enumerate(blocks) if body_lines[0] <= b.line <= body_lines[1]]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    while first > 0 and reasons[first - 1] is None and touches_body(blocks[first - 1].text):
        first -= 1
    while last + 1 < len(blocks) and reasons[last + 1] is None and touches_body(blocks[last + 1].text):
        last += 1
    for index, block in enumerate(blocks):
        outside = index < first or index > last
        if outside and reasons[index] is None and not any(rule in block.text for rule in keep_rules):
            reasons[index] = RemovalReason.OUTSIDE_BODY
