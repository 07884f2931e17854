use rich_status::RichStatus;

#[derive(RichStatus)]
#[rich_status(domain = "greeter.example.com", code = Internal)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
