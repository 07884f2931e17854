//! Generates the greeter service from `proto/helloworld/helloworld.proto` with protox, a
//! pure-Rust protobuf compiler, so the examples build without a system `protoc`.

fn main() {
    let proto_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../proto");
    let file = "helloworld/helloworld.proto";
    println!("cargo:rerun-if-changed={}", proto_dir.join(file).display());
    let descriptors = match protox::compile([file], [&proto_dir]) {
        Ok(descriptors) => descriptors,
        Err(error) => panic!(
            "{} does not compile: {error:?}",
            proto_dir.join(file).display()
        ),
    };
    // The request checks its own fields with validator: an empty name is the greeter's
    // `EmptyName` error, its `BadRequest` made from validator's report.
    let generate = tonic_prost_build::configure()
        .type_attribute("helloworld.HelloRequest", "#[derive(validator::Validate)]")
        .field_attribute(
            "helloworld.HelloRequest.name",
            r#"#[validate(length(min = 1, code = "empty_name", message = "The name must not be empty."))]"#,
        );
    // The same service for connect-rust, from the same descriptors: its code generator
    // reads a descriptor set, which protox wrote, so no `protoc` either.
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    let descriptor_set = out_dir.join("helloworld.binpb");
    std::fs::write(&descriptor_set, prost::Message::encode_to_vec(&descriptors)).unwrap();
    if let Err(error) = generate.compile_fds(descriptors) {
        panic!("generating the greeter service failed: {error}");
    }
    let connect = connectrpc_build::Config::new()
        .descriptor_set(&descriptor_set)
        .files(&[file])
        .include_file("_connectrpc.rs")
        .compile();
    if let Err(error) = connect {
        panic!("generating the greeter's connect-rust service failed: {error:#}");
    }
}
