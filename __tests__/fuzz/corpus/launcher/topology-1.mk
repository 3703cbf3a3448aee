COMPOSE = docker compose -f docker-compose.yml -f docker-compose.proxy.yml
up:
	$(COMPOSE) up -d
prod:
	docker-compose --file=docker-compose.yml -f docker-compose.prod.yml up
dev:
	COMPOSE_FILE=docker-compose.yml:docker-compose.dev.yml docker compose up
broken:
	docker compose -f $(ENV_FILE) up
