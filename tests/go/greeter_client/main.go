// The Go client of the interop tests: grpc-go against the Rust greeter, the details read
// with status.Convert(err).Details() and genproto's errdetails, as Go services do.
//
// Usage:
//
//	greeter_client ADDR dump NAME...          one JSON line per call
//	greeter_client ADDR concurrent N NAME     N calls at once, one JSON line each
//
// Names are JSON strings, so that any text passes on the command line. Each line is
// {"reply"} or {"code", "message", "details": [{"type", ...fields}]}.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	pb "rich-status.test/helloworld"
)

// codec encodes the messages with the protobuf API the stubs are generated for: Debian's
// grpc-go 1.33 defaults to github.com/golang/protobuf's older one, which cannot read
// messages from protoc-gen-go 1.28. Statuses and their details are grpc-go's own.
type codec struct{}

func (codec) Marshal(v interface{}) ([]byte, error) { return proto.Marshal(v.(proto.Message)) }
func (codec) Unmarshal(data []byte, v interface{}) error {
	return proto.Unmarshal(data, v.(proto.Message))
}
func (codec) Name() string { return "proto" }

type object = map[string]interface{}

func detail(d interface{}) object {
	switch d := d.(type) {
	case *errdetails.ErrorInfo:
		out := object{"type": "ErrorInfo", "reason": d.Reason, "domain": d.Domain}
		if len(d.Metadata) > 0 {
			out["metadata"] = d.Metadata
		}
		return out
	case *errdetails.QuotaFailure:
		var violations []object
		for _, v := range d.Violations {
			violations = append(violations, object{"subject": v.Subject, "description": v.Description})
		}
		return object{"type": "QuotaFailure", "violations": violations}
	case *errdetails.BadRequest:
		var violations []object
		for _, v := range d.FieldViolations {
			// Debian 12's genproto (2020) predates the violation's reason field.
			violations = append(violations, object{"field": v.Field, "description": v.Description})
		}
		return object{"type": "BadRequest", "field_violations": violations}
	case *errdetails.DebugInfo:
		return object{"type": "DebugInfo", "stack_entries": d.StackEntries, "detail": d.Detail}
	case error:
		return object{"error": d.Error()}
	default:
		return object{"type": fmt.Sprintf("%T", d)}
	}
}

func call(client pb.GreeterClient, name string) object {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	reply, err := client.SayHello(ctx, &pb.HelloRequest{Name: name})
	if err == nil {
		return object{"reply": reply.Message}
	}
	s := status.Convert(err)
	details := []object{}
	for _, d := range s.Details() {
		details = append(details, detail(d))
	}
	return object{"code": int(s.Code()), "message": s.Message(), "details": details}
}

func print(out object) {
	line, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(line))
}

func name(arg string) string {
	var n string
	if err := json.Unmarshal([]byte(arg), &n); err != nil {
		panic(err)
	}
	return n
}

func main() {
	addr, mode, rest := os.Args[1], os.Args[2], os.Args[3:]
	conn, err := grpc.Dial(addr, grpc.WithInsecure(), grpc.WithBlock(),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(codec{})))
	if err != nil {
		panic(err)
	}
	defer conn.Close()
	client := pb.NewGreeterClient(conn)
	switch mode {
	case "dump":
		for _, arg := range rest {
			print(call(client, name(arg)))
		}
	case "concurrent":
		n, _ := strconv.Atoi(rest[0])
		who := name(rest[1])
		outs := make([]object, n)
		var wg sync.WaitGroup
		for i := range outs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				outs[i] = call(client, who)
			}(i)
		}
		wg.Wait()
		for _, out := range outs {
			print(out)
		}
	default:
		panic("unknown mode " + mode)
	}
}
