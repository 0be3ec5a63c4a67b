"""
Security finding 5 (issue 13): the pitch thread's contact filter. The table holds the 9 ways the
old filter caught and the ways that slipped through it (full-width and circled digits, zero-width
spaces, number words, messenger ids, QQ numbers, spelled-out addresses, messenger links), and
innocent texts about dates, fees and scenes that must pass.
"""

import pytest

from creators.contact import Verdict, contact_check, contact_details_refuse, normalise
from portal.exceptions import DomainError

CAUGHT_BEFORE = [
    "Write to lin.xiaoyu@example.com",
    "My number is 13812345678",
    "Call +86 138 1234 5678",
    "138-1234-5678 any time",
    "Office (021) 6123 4567",
    "US cell +1 415 555 0100",
    "Landline 010-12345678",
    "London +44 20 7946 0958",
    "lin_xy+film@mail.example.cn",
]

SLIPPED_BEFORE = [
    "邮箱 lin＠example．com",
    "１３８－１２３４－５６７８",
    "138.1234.5678",
    "138/1234/5678",
    "1\u200b3\u200b8\u200b1\u200b2\u200b3\u200b4\u200b5\u200b6\u200b7\u200b8",
    "138\u20601234\ufeff5678",
    "幺三八 一二三四 五六七八",
    "一三八一二三四五六七八",
    "壹叁捌壹贰叁肆伍陆柒捌",
    "one three eight one two three four five six seven eight",
    "①③⑧①②③④⑤⑥⑦⑧",
    "❶❸❽❶❷❸❹❺❻❼❽",
    "微信 linxy_88",
    "微信号：linxiaoyu",
    "WeChat: lin-xiaoyu",
    "加V：linxy2026",
    "vx linxy888",
    "wx: lin_xiaoyu",
    "QQ 1234567",
    "扣扣：12345678",
    "my qq is 9876543",
    "lin dot xiaoyu at gmail dot com",
    "lin(at)example(dot)com",
    "lin＠example.com",
    "t.me/linxiaoyu",
    "instagram.com/linxiaoyu.actor",
    "line.me/ti/p/abc123",
    "wa.me/8613812345678",
    "LINE ID: linxy",
    "t . me / linxiaoyu",
]

DOUBTFUL = [
    "Add me on WeChat and we can talk there",
    "发我邮箱吧",
    "加我，私聊",
    "scenes 1 2 3 4 5 6 7 8",
]

INNOCENT = [
    "Shooting starts 2026-03-15 and ends 2026/04/30.",
    "拍摄时间 2026年3月15日 到 2026年4月30日",
    "The fee of 30000 works for us.",
    "Budget 10,000-50,000 CNY, or 10000-50000.",
    "We need scenes 3, 4, 5, 6, 7 and 12.",
    "Scene 12 at 10:30, then scene 14.",
    "第一场和第二场在上海拍，第三场在杭州。",
    "一共三集，每集三分钟。",
    "Can we meet at the studio at noon?",
    "She stands in line at the station.",
    "总预算 1000000 元",
    "Our AI tool is Kling 2.1; resolution 1920x1080.",
    "Episode 1 to 12, 3 minutes each.",
    "我们用手机拍摄了测试片段",
    "Thank you! Looking forward to working together.",
]


def test_the_table_covers_at_least_the_thirty_two_ways_of_the_attack_run():
    assert len(CAUGHT_BEFORE) + len(SLIPPED_BEFORE) >= 32


@pytest.mark.parametrize("text", CAUGHT_BEFORE)
def test_what_the_old_filter_caught_is_still_refused(text):
    assert contact_check(text).verdict == Verdict.REFUSE


@pytest.mark.parametrize("text", SLIPPED_BEFORE)
def test_what_slipped_through_the_old_filter_is_refused(text):
    assert contact_check(text).verdict == Verdict.REFUSE


@pytest.mark.parametrize("text", DOUBTFUL)
def test_doubtful_texts_are_held_for_a_moderator(text):
    assert contact_check(text).verdict == Verdict.HOLD


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_texts_pass(text):
    assert contact_check(text).verdict == Verdict.CLEAN


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("１３８", "138"),
        ("①②③", "123"),
        ("a\u200bb", "ab"),
        ("幺洞拐", "107"),
        ("Two Four", "2 4"),
        ("ＷｅＣｈａｔ", "wechat"),
    ],
)
def test_normalise_folds_the_ways_people_disguise_digits_and_letters(raw, normalised):
    assert normalise(raw) == normalised


def test_refusing_names_the_contact_details_code():
    with pytest.raises(DomainError, match="messenger ids") as exc:
        contact_details_refuse("微信 linxy_88")
    assert exc.value.code == "contact_details"


def test_a_doubtful_text_is_not_refused_but_reported_as_held():
    assert contact_details_refuse("Add me on WeChat").verdict == Verdict.HOLD
