use rich_status::RichStatus;

#[derive(Debug, thiserror::Error, RichStatus)]
#[rich_status(domain = "tea.example.com")]
enum TeaError {
    #[error("teapot")]
    #[rich_status(code = Unimplemented, into_response)]
    Teapot,
}

fn main() {}
