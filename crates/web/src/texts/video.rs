//! The words of short product videos: the producer's console (upload, progress, what each
//! video sold), the video page and the feed's video cards. One field of `Texts`, with its
//! English and Chinese values.

use farmgate_video::UploadRefused;

use crate::video::{NO_FFMPEG, UNREADABLE};

pub struct VideoTexts {
    pub console_link: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub none_yet: &'static str,
    pub title: &'static str,
    pub products: &'static str,
    pub products_hint: &'static str,
    pub file: &'static str,
    pub upload: &'static str,
    /// Shown while the file is sent, before its percentage.
    pub uploading: &'static str,
    pub processing: &'static str,
    pub ready: &'static str,
    pub failed: &'static str,
    pub orders: &'static str,
    pub paid: &'static str,
    pub remove: &'static str,
    pub watch: &'static str,
    /// The badge on a video in the feed.
    pub badge: &'static str,
    pub in_this_video: &'static str,
    pub buy: &'static str,
    pub empty: &'static str,
    pub too_large: &'static str,
    pub not_mp4_or_mov: &'static str,
    pub unreadable: &'static str,
    pub no_ffmpeg: &'static str,
}

impl VideoTexts {
    /// The reader's sentence for a refused upload.
    pub fn refused(&self, refused: UploadRefused) -> &'static str {
        match refused {
            UploadRefused::Empty => self.empty,
            UploadRefused::TooLarge => self.too_large,
            UploadRefused::NotMp4OrMov => self.not_mp4_or_mov,
        }
    }

    /// The reader's sentence for a failure the worker recorded in English.
    pub fn failure(&self, recorded: &str) -> &'static str {
        if recorded == NO_FFMPEG {
            self.no_ffmpeg
        } else {
            self.unreadable
        }
    }
}

pub static VIDEO_EN: VideoTexts = VideoTexts {
    console_link: "Short videos",
    heading: "Short videos",
    intro: "Film a product on your phone and upload it here. Buyers see it in their feed, with \
            cards of the products it shows; what they buy from it is counted below.",
    none_yet: "No videos yet.",
    title: "Title",
    products: "Products shown",
    products_hint: "Tick up to 6: they show as cards under the video.",
    file: "Video (MP4 or MOV, up to 200 MB, the first 3 minutes are kept)",
    upload: "Upload",
    uploading: "Uploading…",
    processing: "Being made ready",
    ready: "Ready",
    failed: "Could not be made",
    orders: "Orders",
    paid: "Paid",
    remove: "Remove",
    watch: "Watch",
    badge: "Video",
    in_this_video: "In this video",
    buy: "Buy",
    empty: "The file is empty.",
    too_large: "The video is larger than 200 MB; trim it or record at a lower quality.",
    not_mp4_or_mov: "Only MP4 and MOV videos can be uploaded.",
    unreadable: UNREADABLE,
    no_ffmpeg: NO_FFMPEG,
};

pub static VIDEO_ZH: VideoTexts = VideoTexts {
    console_link: "短视频",
    heading: "短视频",
    intro: "用手机拍下商品并在此上传。买家会在“猜你喜欢”中看到它，视频下方显示所展示商品的卡片；\
            从视频下的订单统计在下方。",
    none_yet: "还没有视频。",
    title: "标题",
    products: "展示的商品",
    products_hint: "最多勾选 6 个，显示在视频下方。",
    file: "视频（MP4 或 MOV，不超过 200 MB，保留前 3 分钟）",
    upload: "上传",
    uploading: "正在上传…",
    processing: "正在处理",
    ready: "已就绪",
    failed: "处理失败",
    orders: "订单",
    paid: "实付",
    remove: "删除",
    watch: "观看",
    badge: "视频",
    in_this_video: "视频中的商品",
    buy: "去购买",
    empty: "文件是空的。",
    too_large: "视频超过 200 MB，请剪短或以较低画质录制。",
    not_mp4_or_mov: "只能上传 MP4 或 MOV 视频。",
    unreadable: "无法识别该视频文件，请从手机相册重新导出后再上传。",
    no_ffmpeg:
        "服务器未安装 ffmpeg，无法处理短视频，请联系县级服务中心安装（apt-get install ffmpeg）。",
};
