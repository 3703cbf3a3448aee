/**
 * Ports a proposal never moves a service to. The repository's files cannot show what else
 * runs on a developer's machine or a shared host, and a proposal that lands on a port some
 * outside program is likely to hold trades a collision Portcullis sees for one it does not.
 * Only proposals avoid these: a service that already listens on one of them is not reported
 * for it.
 *
 * The entries are each product's documented default port (IANA's service-name registry
 * agrees where it lists one), limited to software people really run locally or in a compose
 * file beside their own services.
 */
export const WELL_KNOWN_PORTS: ReadonlyMap<number, string> = new Map([
  // Infrastructure: databases, brokers, observability and control planes.
  [1433, 'Microsoft SQL Server'],
  [1521, 'Oracle Database listener'],
  [2181, 'ZooKeeper'],
  [2375, 'Docker daemon'],
  [2376, 'Docker daemon (TLS)'],
  [2379, 'etcd client'],
  [2380, 'etcd peer'],
  [3100, 'Grafana Loki'],
  [3306, 'MySQL / MariaDB'],
  [4222, 'NATS'],
  [4317, 'OpenTelemetry OTLP/gRPC'],
  [4318, 'OpenTelemetry OTLP/HTTP'],
  [5432, 'PostgreSQL'],
  [5601, 'Kibana'],
  [5672, 'RabbitMQ (AMQP)'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [6443, 'Kubernetes API server (kind, k3s, minikube)'],
  [8086, 'InfluxDB'],
  [8123, 'ClickHouse HTTP / Home Assistant'],
  [8200, 'HashiCorp Vault'],
  [8500, 'HashiCorp Consul'],
  [9000, 'MinIO / php-fpm / ClickHouse native / SonarQube'],
  [9042, 'Cassandra'],
  [9090, 'Prometheus'],
  [9092, 'Kafka'],
  [9093, 'Prometheus Alertmanager'],
  [9100, 'Prometheus node_exporter'],
  [9200, 'Elasticsearch / OpenSearch HTTP'],
  [9300, 'Elasticsearch transport'],
  [9411, 'Zipkin'],
  [11211, 'Memcached'],
  [15672, 'RabbitMQ management'],
  [16686, 'Jaeger UI'],
  [27017, 'MongoDB'],
  [27018, 'MongoDB shard'],
  // Development servers' defaults. They are not infrastructure, but they are what a freshly
  // scaffolded app, a tutorial or a second checkout binds unless told otherwise, which makes
  // them the ports most likely to be taken by something outside the repository: a service
  // moved onto one collides again the next day.
  [3000, 'Rails / Express / Next.js / Grafana'],
  [4200, 'Angular CLI'],
  [5000, 'Flask / macOS AirPlay Receiver'],
  [5173, 'Vite'],
  [7000, 'macOS AirPlay Receiver'],
  [8000, 'Django / uvicorn / python -m http.server'],
  [8080, 'Tomcat / Spring Boot / HTTP proxies'],
  [8888, 'Jupyter'],
]);
