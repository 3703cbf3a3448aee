parser.add_argument("-p", "--port", type=int, default=8003)
parser.add_argument("--bind", default="0.0.0.0:8004")
parser.add_argument("--workers", type=int, default=4)
parser.add_argument("--db-port", type=int, default=5432)
@click.option("--listen-port", default=8005)
def serve(listen_port): ...
